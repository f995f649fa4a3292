import { Link, useLocation, useSearchParams } from "react-router-dom";
import { SORT_ORDERS, type SortOrder } from "../../contract/order.ts";
import { SORT_LABELS, SORT_PARAM, useSortOrder } from "./sort-order.ts";

/** Latest, Hot and Top, each explained in a tooltip that focus shows as well as the pointer. */
export function SortControl() {
  const current = useSortOrder();
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const searchFor = (sort: SortOrder) => {
    const next = new URLSearchParams(params);
    if (sort === "latest") next.delete(SORT_PARAM);
    else next.set(SORT_PARAM, sort);
    const text = next.toString();
    return text ? `?${text}` : "";
  };
  return (
    <nav className="sort-control" aria-label="Sort stories">
      <ul>
        {SORT_ORDERS.map((sort) => (
          <li key={sort} className="sort-control__item">
            <Link
              to={{ pathname, search: searchFor(sort) }}
              className="chip"
              aria-current={sort === current ? "true" : undefined}
              aria-describedby={`sort-tip-${sort}`}
            >
              {SORT_LABELS[sort].name}
            </Link>
            <span role="tooltip" id={`sort-tip-${sort}`} className="tooltip">
              {SORT_LABELS[sort].explained}
            </span>
          </li>
        ))}
      </ul>
    </nav>
  );
}
