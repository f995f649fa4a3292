import { Link, useLocation, useSearchParams } from "react-router-dom";
import { SORT_ORDERS } from "../../contract/order.ts";
import { SORT_LABELS, SORT_PARAM } from "../../lib/sort-order.ts";

/** One way to order a list: `value` is what `?sort=` says, null for the list's default. */
export interface SortOption {
  value: string | null;
  name: string;
  explained: string;
}

/** Latest (the default), Hot and Top. */
const FEED_ORDERS: SortOption[] = SORT_ORDERS.map((sort) => ({ value: sort === "latest" ? null : sort, ...SORT_LABELS[sort] }));

/** The orders of a list, each explained in a tooltip that focus shows as well as the pointer. */
export function SortControl({ options = FEED_ORDERS }: { options?: readonly SortOption[] }) {
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const chosen = params.get(SORT_PARAM);
  const current = options.find((option) => option.value === chosen) ?? options.find((option) => option.value === null);
  const searchFor = (value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(SORT_PARAM);
    else next.set(SORT_PARAM, value);
    const text = next.toString();
    return text ? `?${text}` : "";
  };
  return (
    <nav className="sort-control" aria-label="Sort stories">
      <ul>
        {options.map((option) => {
          const tipId = `sort-tip-${option.value ?? "default"}`;
          return (
            <li key={option.name} className="sort-control__item">
              <Link
                to={{ pathname, search: searchFor(option.value) }}
                className="segmented__option"
                aria-current={option === current ? "true" : undefined}
                aria-describedby={tipId}
              >
                {option.name}
              </Link>
              <span role="tooltip" id={tipId} className="tooltip">
                {option.explained}
              </span>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
