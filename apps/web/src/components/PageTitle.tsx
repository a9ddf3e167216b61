import { useEffect, useRef, type ReactNode } from "react";

interface PageTitleProps {
  /** The document title, without the product name. */
  title: string;
  children?: ReactNode;
  /** Move keyboard and screen-reader focus here when the scene opens. */
  focusOnOpen?: boolean;
}

/**
 * The scene's h1. It also sets the browser tab title and, after client-side navigation, takes
 * focus so screen-reader users hear where they are (a page load would do that for them).
 */
export function PageTitle({ title, children, focusOnOpen = true }: PageTitleProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} — Sweetie`;
  }, [title]);

  useEffect(() => {
    if (focusOnOpen) headingRef.current?.focus({ preventScroll: true });
  }, [focusOnOpen]);

  return (
    <h1 ref={headingRef} tabIndex={-1} className="page-title">
      {children ?? title}
    </h1>
  );
}
