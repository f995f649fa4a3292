/** A dot for the eye and the word "Unread" for a screen reader; a story's link is described by its `id`. */
export function UnreadMarker({ id }: { id: string }) {
  return (
    <span className="unread-marker" id={id}>
      <span className="visually-hidden">Unread</span>
    </span>
  );
}
