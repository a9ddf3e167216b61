import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { fieldErrorOf, isApiError } from "../../api/apiError";
import { recordCosignature, type Agency, type SignedHeadView } from "../../api/referrals";
import { ErrorMessage } from "../../components/ErrorMessage";
import { SelectField } from "../../components/SelectField";
import { StatusMessage } from "../../components/StatusMessage";
import { TextAreaField } from "../../components/TextAreaField";
import { formatDateTime } from "../../format";
import { countryLabel } from "./referralFormat";

/** Records what an agency's verifier printed as its cosignature of one head (supervisors). */
export function CosignatureForm({
  operationId,
  heads,
  witnesses,
}: {
  operationId: string;
  heads: SignedHeadView[];
  witnesses: Agency[];
}) {
  const queryClient = useQueryClient();
  const [size, setSize] = useState(String(heads[0]?.size ?? ""));
  const [agencyId, setAgencyId] = useState("");
  const [text, setText] = useState("");
  const [recorded, setRecorded] = useState<string | null>(null);
  const record = useMutation({
    mutationFn: () => recordCosignature(operationId, Number(size), { agencyId, cosignature: text }),
    onSuccess: async () => {
      const agency = witnesses.find((w) => w.id === agencyId);
      setRecorded(`${agency?.name ?? "The agency"}'s cosignature is recorded.`);
      setText("");
      await queryClient.invalidateQueries({ queryKey: ["heads", operationId] });
    },
  });
  const agencyError = fieldErrorOf(record.error, "agencyId");
  // A cosignature that does not verify is about what was pasted: said under the paste.
  const textError =
    fieldErrorOf(record.error, "cosignature") ??
    (isApiError(record.error, "cosignature_rejected") ? record.error.detail : undefined);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRecorded(null);
    record.mutate();
  }

  return (
    <section className="section" aria-labelledby="cosign-heading">
      <h2 id="cosign-heading">Record a cosignature</h2>
      {witnesses.length === 0 ? (
        <p className="muted">
          No registered agency has a public key, so no cosignature can be checked. A system
          administrator adds the agency&apos;s key in the agency registry.
        </p>
      ) : (
        <form className="form" aria-label="Record a cosignature" onSubmit={handleSubmit} noValidate>
          <p className="muted">
            Paste what the agency&apos;s <code>sweetie verify --witness</code> printed. It is
            checked against the key registered for the agency before it is kept.
          </p>
          {recorded ? <StatusMessage>{recorded}</StatusMessage> : null}
          {agencyError || textError ? null : <ErrorMessage error={record.error} />}
          <div className="form-row">
            <SelectField label="Signed head" value={size} onValueChange={setSize}>
              {heads.map((head) => (
                <option key={head.size} value={head.size}>
                  {head.size.toLocaleString("en-GB")} entries, signed {formatDateTime(head.time)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Agency"
              value={agencyId}
              onValueChange={setAgencyId}
              fieldError={agencyError}
            >
              <option value="">Choose the agency</option>
              {witnesses.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}, {countryLabel(w.country)}
                </option>
              ))}
            </SelectField>
          </div>
          <TextAreaField
            label="Cosignature"
            hint="The line that starts with “—”, or the line of JSON after it."
            value={text}
            onValueChange={setText}
            fieldError={textError}
            spellCheck={false}
            rows={3}
            className="input-code"
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={record.isPending}>
              Record the cosignature
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
