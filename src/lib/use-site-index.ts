import { useQuery } from "@tanstack/react-query";
import { indexQuery } from "./queries.ts";

/** The current build's index: totals, top topics, and where every other file is. */
export const useSiteIndex = () => useQuery(indexQuery());
