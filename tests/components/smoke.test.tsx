import { screen } from "@testing-library/react";
import { it } from "vitest";
import { buildSite, makeArticles, renderApp, serve } from "./harness.tsx";

it("smoke", async () => {
  const site = buildSite(makeArticles(3));
  const server = serve(site);
  renderApp("/topics/..%2Ffeed");
  await new Promise((r) => setTimeout(r, 300));
  console.log(server.requests, screen.getAllByRole("heading", {level: 1}).map((h) => h.textContent), screen.queryAllByRole("article").length);
});
