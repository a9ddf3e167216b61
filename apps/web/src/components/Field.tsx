import { useId, type ReactNode } from "react";

/** What a field's control needs to be tied to its label, hint and error for screen readers. */
export interface FieldControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

interface FieldProps {
  label: string;
  hint?: string | undefined;
  fieldError?: string | undefined;
  /** Renders the control (input, select, textarea) with the ids and states it must carry. */
  children: (control: FieldControlProps) => ReactNode;
}

/** The frame every form field shares: a label, an optional hint above, an optional error below. */
export function Field({ label, hint, fieldError, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, fieldError ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {children({
        id,
        "aria-invalid": fieldError ? true : undefined,
        "aria-describedby": describedBy || undefined,
      })}
      {fieldError ? (
        <p id={errorId} className="field-error">
          {fieldError}
        </p>
      ) : null}
    </div>
  );
}
