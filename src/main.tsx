import { startTransition, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app.tsx";
import { CONTENT_UPDATE_EVENT } from "./contract/paths.ts";
import { checkForNewBuild, startPwa } from "./features/pwa/start-pwa.ts";
import { createQueryClient, queryKeys } from "./lib/queries.ts";
import "./styles.css";

const queryClient = createQueryClient({ onNotFound: () => void checkForNewBuild() });

// In dev, edited content arrives as a new build id: refetching the index moves every view to it.
import.meta.hot?.on(CONTENT_UPDATE_EVENT, () => void queryClient.invalidateQueries({ queryKey: queryKeys.index }));

const root = createRoot(document.getElementById("root") as HTMLElement);
// A transition lets React yield while it builds the first screen, rather than block in one long task.
startTransition(() =>
  root.render(
    <StrictMode>
      <App queryClient={queryClient} />
    </StrictMode>,
  ),
);

// The service worker waits until the page is loaded and the main thread is idle: installing
// it (its precache, the offline save) must never compete with the first screen.
const whenIdle = (task: () => void) =>
  "requestIdleCallback" in window ? requestIdleCallback(task, { timeout: 5000 }) : setTimeout(task, 2000);
if (import.meta.env.PROD) window.addEventListener("load", () => whenIdle(() => void startPwa(queryClient)));
