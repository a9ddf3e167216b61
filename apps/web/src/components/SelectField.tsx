import { useId, type ReactNode, type SelectHTMLAttributes } from "react";

interface SelectFieldProps extends Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  "id" | "onChange"
> {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  hint?: string;
  fieldError?: string | undefined;
  children: ReactNode;
}

/** A labelled choice from a list with an optional hint and field error (see TextField). */
export function SelectField({
  label,
  value,
  onValueChange,
  hint,
  fieldError,
  children,
  ...props
}: SelectFieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, fieldError ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <select
        {...props}
        id={id}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={fieldError ? true : undefined}
        aria-describedby={describedBy || undefined}
      >
        {children}
      </select>
      {fieldError ? (
        <p id={`${id}-error`} className="field-error">
          {fieldError}
        </p>
      ) : null}
    </div>
  );
}
