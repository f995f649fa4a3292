import { useId, useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import type { SiteIndex } from "../../contract/types.ts";
import { paths } from "../../lib/paths.ts";
import { useSortOrder, withSort } from "../../lib/sort-order.ts";
import { combinedSearch, type TopicMatch } from "../../lib/combined-feed.ts";

interface CombineFormProps {
  index: SiteIndex;
  /** The topics shown now, in the reader's order. */
  chosen: readonly string[];
  match: TopicMatch;
}

/** Adds one of the main topics to the ones shown, for a list of stories about several at once. */
export function CombineForm({ index, chosen, match }: CombineFormProps) {
  const navigate = useNavigate();
  const sort = useSortOrder();
  const id = useId();
  const choices = index.topTopics.filter((topic) => !chosen.includes(topic.slug));
  const [picked, setPicked] = useState("");
  if (choices.length === 0) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const slug = picked || choices[0].slug;
    navigate(withSort(`${paths.home}${combinedSearch([...chosen, slug], match)}`, sort));
  };
  return (
    <form className="combine-form" onSubmit={submit}>
      <label htmlFor={id}>Add a topic</label>
      <select id={id} value={picked || choices[0].slug} onChange={(event) => setPicked(event.target.value)}>
        {choices.map((topic) => (
          <option key={topic.slug} value={topic.slug}>
            {topic.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button">
        Add
      </button>
    </form>
  );
}
