import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { comparisonImageUrl, revealComparisonSide } from "../../api/comparisons";
import { findingFileUrl } from "../../api/identity";
import { ErrorMessage } from "../../components/ErrorMessage";

/**
 * A finding's picture on the subject's page: hidden until the analyst reveals it. The reveal is
 * the audited, budgeted one (S8), so the server sends the bytes only after it; "Hide again"
 * only hides it here.
 */
export function FindingPicture({
  operationId,
  subjectId,
  findingId,
  label,
  download,
}: {
  operationId: string;
  subjectId: string;
  findingId: string;
  label: string;
  /** The download link's words (type and size). */
  download: string;
}) {
  const queryClient = useQueryClient();
  const [shown, setShown] = useState(false);
  const picture = { kind: "finding" as const, id: findingId };
  const reveal = useMutation({
    mutationFn: () => revealComparisonSide(operationId, subjectId, picture),
    onSuccess: async (answer) => {
      setShown(answer.side.revealed);
      await queryClient.invalidateQueries({ queryKey: ["exposure", operationId] });
    },
  });
  return (
    <span className="finding-image">
      {shown ? (
        <>
          <img src={comparisonImageUrl(operationId, picture)} alt={`Revealed: ${label}`} />
          <button type="button" className="button button-quiet" onClick={() => setShown(false)}>
            Hide again
          </button>
          <a href={findingFileUrl(operationId, findingId)} download>
            Download the picture ({download})
          </a>
        </>
      ) : (
        <>
          <span
            className="capture-withheld finding-withheld"
            role="img"
            aria-label={`Picture hidden until you reveal it: ${label}`}
          >
            Hidden until you reveal it
          </span>
          <button
            type="button"
            className="button button-quiet"
            disabled={reveal.isPending}
            onClick={() => reveal.mutate()}
          >
            Reveal (counts against today&apos;s exposure budget)
          </button>
          {reveal.isError ? <ErrorMessage error={reveal.error} /> : null}
        </>
      )}
    </span>
  );
}
