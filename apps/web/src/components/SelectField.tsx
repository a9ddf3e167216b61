import type { ReactNode, SelectHTMLAttributes } from "react";
import { Field } from "./Field";

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
  return (
    <Field label={label} hint={hint} fieldError={fieldError}>
      {(control) => (
        <select
          {...props}
          {...control}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
        >
          {children}
        </select>
      )}
    </Field>
  );
}
