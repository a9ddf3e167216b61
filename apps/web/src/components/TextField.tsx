import { useId, type InputHTMLAttributes, type Ref } from "react";

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "onChange"> {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  hint?: string;
  fieldError?: string;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled input with an optional hint and field error, both tied to it for screen readers. */
export function TextField({
  label,
  value,
  onValueChange,
  hint,
  fieldError,
  ref,
  ...inputProps
}: TextFieldProps) {
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
      <input
        {...inputProps}
        ref={ref}
        id={id}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={fieldError ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {fieldError ? (
        <p id={errorId} className="field-error">
          {fieldError}
        </p>
      ) : null}
    </div>
  );
}
