import { startTransition, StrictMode } from "react";
import { createRoot, hydrateRoot } from "react-dom/client";
import { App } from "./app/app.tsx";
import { CONTENT_UPDATE_EVENT } from "./contract/dev-events.ts";
import { checkForNewBuild, startPwa } from "./features/pwa/start-pwa.ts";
import { createQueryClient, queryKeys } from "./lib/queries.ts";
import { adoptHostIndex, fetchFirstScreenData, prerenderedState, seedFrom } from "./prerender/hydrate.ts";
import "./styles.css";

const queryClient = createQueryClient({ onNotFound: () => void checkForNewBuild() });

// In dev, edited content arrives as a new build id: refetching the index moves every view to it.
import.meta.hot?.on(CONTENT_UPDATE_EVENT, () => void queryClient.invalidateQueries({ queryKey: queryKeys.index }));

const container = document.getElementById("root") as HTMLElement;
const app = (
  <StrictMode>
    <App queryClient={queryClient} />
  </StrictMode>
);

// The service worker waits until the page is loaded and the main thread is idle: installing
// it (its precache, the offline save) must never compete with the first screen.
const whenIdle = (task: () => void) =>
  "requestIdleCallback" in window ? requestIdleCallback(task, { timeout: 5000 }) : setTimeout(task, 2000);
if (import.meta.env.PROD) window.addEventListener("load", () => whenIdle(() => void startPwa(queryClient, fetchFirstScreenData)));

// A page the build drew (the home page, a topic's, an article's) holds its first screen as
// HTML and the data it was drawn from: the app takes that markup over (hydrates it). The
// service worker's shell holds none, and the app draws from nothing.
async function start() {
  const prerendered = prerenderedState();
  const drawnHere = prerendered ? seedFrom(queryClient, prerendered) : false;
  const hydrate = prerendered && (await adoptHostIndex(queryClient, prerendered)) && drawnHere;
  // A transition lets React yield while it builds the first screen, rather than block in one long task.
  if (hydrate) {
    startTransition(() => {
      hydrateRoot(container, app, {
        onRecoverableError: (error) => console.error("Broadsheet: the page's HTML did not match its first render (hydration)", error),
      });
    });
  } else {
    const root = createRoot(container);
    startTransition(() => root.render(app));
  }
}
void start();

