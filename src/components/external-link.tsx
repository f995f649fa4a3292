import type { ReactNode } from "react";
import { parseHttpUrl } from "../contract/urls.ts";

interface ExternalLinkProps {
  href: string | undefined;
  children: ReactNode;
  className?: string;
}

/**
 * Every link that leaves Broadsheet. Only http(s) URLs become links; they open in a new
 * tab without handing the opener or the referrer to the other site.
 */
export function ExternalLink({ href, children, className }: ExternalLinkProps) {
  const safe = href === undefined ? undefined : parseHttpUrl(href)?.href;
  if (!safe) return <span className={className}>{children}</span>;
  return (
    <a href={safe} className={className} target="_blank" rel="noopener noreferrer">
      {children}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}
