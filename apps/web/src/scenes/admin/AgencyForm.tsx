import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { fieldErrorOf } from "../../api/apiError";
import { createAgency, updateAgency, type Agency, type AgencyInput } from "../../api/referrals";
import { ErrorMessage } from "../../components/ErrorMessage";
import { SelectField } from "../../components/SelectField";
import { TextField } from "../../components/TextField";
import { countryOptions } from "../referrals/referralFormat";

type Fields = Required<AgencyInput>;
const FIELDS: (keyof Fields)[] = [
  "country",
  "name",
  "unit",
  "contactChannel",
  "contactPerson",
  "publicKey",
];
const EMPTY: Fields = {
  country: "",
  name: "",
  unit: "",
  contactChannel: "",
  contactPerson: "",
  publicKey: "",
};
const COUNTRIES = countryOptions();

const fieldsOf = (agency: Agency): Fields => ({
  country: agency.country,
  name: agency.name,
  unit: agency.unit,
  contactChannel: agency.contactChannel,
  contactPerson: agency.contactPerson,
  publicKey: agency.publicKey ?? "",
});

/** Registers a receiving agency, or changes one (`editing`); errors are said next to each field. */
export function AgencyForm({
  editing,
  onDone,
}: {
  editing: Agency | null;
  /** After a save (with what to say) or a cancel (null). */
  onDone: (saved: string | null) => void;
}) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Fields>(editing ? fieldsOf(editing) : EMPTY);
  const set = (key: keyof Fields) => (value: string) => setForm({ ...form, [key]: value });
  const save = useMutation({
    mutationFn: () => (editing ? updateAgency(editing.id, form) : createAgency(form)),
    onSuccess: async ({ agency }) => {
      setForm(EMPTY);
      await queryClient.invalidateQueries({ queryKey: ["agencies"] });
      onDone(`${agency.name} is ${editing ? "changed" : "registered"}.`);
    },
  });
  const headingRef = useRef<HTMLHeadingElement>(null);
  // "Change" is pressed in the table below: bring the form (now filled in) to the person.
  useEffect(() => {
    if (!editing) return;
    headingRef.current?.scrollIntoView({ block: "start" });
    headingRef.current?.focus({ preventScroll: true });
  }, [editing]);
  const errorOf = (key: keyof Fields) => fieldErrorOf(save.error, key);
  const aboutAField = FIELDS.some((key) => errorOf(key) !== undefined);
  /** What a field shows and says for one of the form's values. */
  const bind = (key: keyof Fields) => ({
    value: form[key],
    onValueChange: set(key),
    fieldError: errorOf(key),
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate();
  }

  const title = editing ? `Change ${editing.name}` : "Register an agency";
  return (
    <section aria-labelledby="agency-form-heading" className="section">
      <h2 id="agency-form-heading" ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      <form onSubmit={handleSubmit} className="form" aria-label={title} noValidate>
        {aboutAField ? null : <ErrorMessage error={save.error} />}
        <div className="form-row form-row-top">
          <SelectField label="Country" hint="Whose subjects it receives." {...bind("country")}>
            <option value="">Choose a country</option>
            {COUNTRIES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.code})
              </option>
            ))}
          </SelectField>
          <TextField
            label="Agency"
            hint="Its official name, e.g. Bundeskriminalamt."
            {...bind("name")}
            autoComplete="off"
          />
          <TextField
            label="Unit (optional)"
            hint="The team that handles these cases."
            {...bind("unit")}
            autoComplete="off"
          />
        </div>
        <div className="form-row form-row-top">
          <TextField
            label="Contact channel"
            hint="How packages reach them: their secure email or exchange system."
            {...bind("contactChannel")}
            autoComplete="off"
          />
          <TextField
            label="Contact person"
            hint="Who to ask for, e.g. the duty officer."
            {...bind("contactPerson")}
            autoComplete="off"
          />
        </div>
        <TextField
          label="Public key (optional)"
          hint="The agency's Ed25519 key, 64 characters 0-9 and a-f. Needed to record the agency's cosignatures of signed heads."
          {...bind("publicKey")}
          autoComplete="off"
          spellCheck={false}
          className="input-code"
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {editing ? "Save the changes" : "Register the agency"}
          </button>
          {editing ? (
            <button type="button" className="button" onClick={() => onDone(null)}>
              Cancel
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
