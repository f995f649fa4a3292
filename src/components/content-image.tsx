import { useState } from "react";
import type { ContentImage as Image } from "../contract/types.ts";
import { parseHttpUrl } from "../contract/urls.ts";

interface ContentImageProps {
  image: Image;
  alt: string;
  className?: string;
  /** The lead image of an article view loads at once; the rest wait until scrolled near. */
  priority?: boolean;
}

/**
 * Every image from content. Its box is sized from width and height before it loads, so
 * nothing shifts; the image lives on another host, so a failure shows a quiet panel.
 */
export function ContentImage({ image, alt, className = "", priority = false }: ContentImageProps) {
  const [failed, setFailed] = useState(false);
  const src = parseHttpUrl(image.url)?.href;
  const ratio = image.width && image.height ? `${image.width} / ${image.height}` : "16 / 9";
  if (!src || failed) {
    return (
      <div
        className={`image image--missing ${className}`}
        style={{ aspectRatio: ratio }}
        {...(alt ? { role: "img", "aria-label": `${alt} (image unavailable)` } : { "aria-hidden": true })}
      />
    );
  }
  return (
    <img
      className={`image ${className}`}
      src={src}
      alt={alt}
      width={image.width}
      height={image.height}
      style={{ aspectRatio: ratio }}
      loading={priority ? "eager" : "lazy"}
      decoding="async"
      referrerPolicy="no-referrer"
      onError={() => setFailed(true)}
    />
  );
}
