import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import {
  comparisonImageUrl,
  openComparison,
  revealComparisonSide,
  type ComparisonExposure,
  type ComparisonImageRef,
  type ComparisonSide,
} from "../../api/comparisons";
import type { SubjectDetail } from "../../api/identity";
import { ErrorMessage } from "../../components/ErrorMessage";
import { SelectField } from "../../components/SelectField";
import { StatusMessage } from "../../components/StatusMessage";
import { formatDateTime } from "../../format";
import { OpinionForm } from "./ComparisonOpinion";

// Side-by-side comparison of two pictures of a subject (issue 11, build 7). Both open hidden;
// each Reveal is an audited choice counted against today's budget (S8), and the server sends a
// picture's bytes only after it. Whether the pictures show one person is the analyst's opinion:
// Sweetie compares no faces (S3).

interface Picture extends ComparisonImageRef {
  label: string;
}

const keyOf = (p: ComparisonImageRef) => `${p.kind}:${p.id}`;

/** The subject's pictures that can be compared: still webcam captures and finding images. */
export function comparablePictures(detail: SubjectDetail): Picture[] {
  return [
    ...detail.captures
      .filter((c) => ["image/png", "image/jpeg", "image/webp"].includes(c.mediaType))
      .map((c) => ({
        kind: "capture" as const,
        id: c.id,
        label: `Webcam capture, ${formatDateTime(c.createdAt)}`,
      })),
    ...detail.findings
      .filter((f) => f.file?.displayable && !f.retracted)
      .map((f) => ({ kind: "finding" as const, id: f.id, label: `Finding: ${f.title}` })),
  ];
}

/** Choose two pictures, then compare them side by side. */
export function ComparisonPicker({
  operationId,
  detail,
  canRecord,
}: {
  operationId: string;
  detail: SubjectDetail;
  canRecord: boolean;
}) {
  const pictures = comparablePictures(detail);
  const [left, setLeft] = useState("");
  const [right, setRight] = useState("");
  const [open, setOpen] = useState<{ left: Picture; right: Picture } | null>(null);
  const [saved, setSaved] = useState(false);
  if (pictures.length < 2) return null;
  const find = (key: string) => pictures.find((p) => keyOf(p) === key);
  const chosenLeft = find(left);
  const chosenRight = find(right);
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (chosenLeft && chosenRight) {
      setSaved(false);
      setOpen({ left: chosenLeft, right: chosenRight });
    }
  };
  return (
    <section className="section" aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare two pictures</h2>
      <p className="muted">
        Put two pictures of this subject side by side to judge whether they show the same person.
        Both stay hidden until you reveal each one. Sweetie does not compare faces: the opinion is
        yours, and it is kept in the evidence log.
      </p>
      <form className="form comparison-choice" onSubmit={handleSubmit} aria-label="Choose pictures">
        <SelectField label="First picture" value={left} onValueChange={setLeft}>
          <option value="">Choose a picture…</option>
          {pictures.map((p) => (
            <option key={keyOf(p)} value={keyOf(p)}>
              {p.label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Second picture" value={right} onValueChange={setRight}>
          <option value="">Choose a picture…</option>
          {pictures
            .filter((p) => keyOf(p) !== left)
            .map((p) => (
              <option key={keyOf(p)} value={keyOf(p)}>
                {p.label}
              </option>
            ))}
        </SelectField>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={!chosenLeft || !chosenRight || chosenLeft === chosenRight}
          >
            Compare side by side
          </button>
        </div>
      </form>
      {saved ? (
        <StatusMessage>Your opinion was saved. It is listed under Findings.</StatusMessage>
      ) : null}
      {open ? (
        <ComparisonView
          key={`${keyOf(open.left)}|${keyOf(open.right)}`}
          operationId={operationId}
          subjectId={detail.subject.id}
          left={open.left}
          right={open.right}
          canRecord={canRecord}
          onClose={() => setOpen(null)}
          onSaved={() => {
            setOpen(null);
            setSaved(true);
          }}
        />
      ) : null}
    </section>
  );
}

function ComparisonView({
  operationId,
  subjectId,
  left,
  right,
  canRecord,
  onClose,
  onSaved,
}: {
  operationId: string;
  subjectId: string;
  left: Picture;
  right: Picture;
  canRecord: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const queryClient = useQueryClient();
  const queryKey = ["comparison", operationId, subjectId, keyOf(left), keyOf(right)];
  const comparison = useQuery({
    queryKey,
    queryFn: () =>
      openComparison(operationId, subjectId, {
        left: { kind: left.kind, id: left.id },
        right: { kind: right.kind, id: right.id },
      }),
    // Opening is audited: once per comparison, not on every focus.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const reveal = useMutation({
    mutationFn: (picture: ComparisonImageRef) =>
      revealComparisonSide(operationId, subjectId, picture),
    onSuccess: async (answer) => {
      queryClient.setQueryData(queryKey, (old: typeof comparison.data) =>
        old
          ? {
              left: keyOf(old.left) === keyOf(answer.side) ? answer.side : old.left,
              right: keyOf(old.right) === keyOf(answer.side) ? answer.side : old.right,
              exposure: answer.exposure,
            }
          : old,
      );
      await queryClient.invalidateQueries({ queryKey: ["exposure", operationId] });
    },
  });
  if (comparison.isPending) return <p className="muted">Opening the comparison…</p>;
  if (comparison.isError) return <ErrorMessage error={comparison.error} />;
  const { exposure } = comparison.data;
  return (
    <div className="panel comparison" role="group" aria-label="Side-by-side comparison">
      <div className="comparison-sides">
        {[comparison.data.left, comparison.data.right].map((side, index) => (
          <ComparisonSideView
            key={keyOf(side)}
            operationId={operationId}
            side={side}
            position={index === 0 ? "First picture" : "Second picture"}
            exposure={exposure}
            revealing={reveal.isPending}
            onReveal={() => reveal.mutate({ kind: side.kind, id: side.id })}
          />
        ))}
      </div>
      {reveal.isError ? <ErrorMessage error={reveal.error} /> : null}
      {canRecord ? (
        <OpinionForm
          operationId={operationId}
          subjectId={subjectId}
          left={comparison.data.left}
          right={comparison.data.right}
          onSaved={onSaved}
        />
      ) : null}
      <p>
        <button type="button" className="button button-quiet" onClick={onClose}>
          Close the comparison
        </button>
      </p>
    </div>
  );
}

const remainingWords = (exposure: ComparisonExposure) =>
  exposure.remaining === null
    ? "no daily limit set"
    : `${exposure.remaining} reveal${exposure.remaining === 1 ? "" : "s"} left today`;

function ComparisonSideView({
  operationId,
  side,
  position,
  exposure,
  revealing,
  onReveal,
}: {
  operationId: string;
  side: ComparisonSide;
  position: string;
  exposure: ComparisonExposure;
  revealing: boolean;
  onReveal: () => void;
}) {
  return (
    <figure className="comparison-side">
      <figcaption>
        <strong>{position}:</strong> {side.label}
      </figcaption>
      {side.revealed ? (
        <img
          className="comparison-image"
          src={comparisonImageUrl(operationId, side)}
          alt={`${position}, revealed: ${side.label}`}
        />
      ) : (
        <div
          className="comparison-image capture-withheld"
          role="img"
          aria-label={`${position}, hidden until you reveal it`}
        >
          Hidden until you reveal it
        </div>
      )}
      <span className="muted capture-meta">SHA-256 {side.sha256}</span>
      {side.revealed ? (
        <span className="muted">Revealed (recorded in the audit log)</span>
      ) : (
        <button type="button" className="button" disabled={revealing} onClick={onReveal}>
          Reveal this picture ({remainingWords(exposure)})
        </button>
      )}
    </figure>
  );
}
