import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from "react";
import { Link } from "wouter";

interface AccountMenuProps {
  displayName: string;
}

/**
 * A disclosure (button + list of links), not an ARIA menu: it needs no arrow-key model, Tab
 * works as everywhere else, and Escape closes it and returns focus to the button.
 */
export function AccountMenu({ displayName }: AccountMenuProps) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    function handleDocumentClick(event: MouseEvent) {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener("click", handleDocumentClick);
    return () => document.removeEventListener("click", handleDocumentClick);
  }, [open]);

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape" && open) {
      setOpen(false);
      buttonRef.current?.focus();
    }
  }

  function handleBlur(event: FocusEvent<HTMLDivElement>) {
    if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
  }

  return (
    <div className="account-menu" ref={containerRef} onKeyDown={handleKeyDown} onBlur={handleBlur}>
      <button
        ref={buttonRef}
        type="button"
        className="button button-quiet"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
      >
        Account
        <span className="visually-hidden"> settings for {displayName}</span>
        <span aria-hidden="true"> ▾</span>
      </button>
      <ul id={listId} className="account-menu-list" hidden={!open}>
        <li>
          <Link href="/account/password" onClick={() => setOpen(false)}>
            Change password
          </Link>
        </li>
        <li>
          <Link href="/account/two-factor" onClick={() => setOpen(false)}>
            Two-factor sign-in
          </Link>
        </li>
      </ul>
    </div>
  );
}
