import { useQuery } from "@tanstack/react-query";
import { fetchExposure } from "../../api/console";

/** Today's reveals against the budget: a warning from 80 %, and a clear stop past 100 % (S8). */
export function ExposureBadge({ operationId }: { operationId: string }) {
  const exposure = useQuery({
    queryKey: ["exposure", operationId],
    queryFn: () => fetchExposure(operationId),
  });
  const data = exposure.data?.exposure;
  if (!data || data.level === "unbudgeted") return null;
  const text = `Reveals today ${data.used} of ${data.budget ?? 0}`;
  if (data.level === "exceeded") {
    return (
      <strong className="break-hint" role="status">
        {text}: budget reached, ask a supervisor for an override
      </strong>
    );
  }
  return (
    <span role="status" className={data.level === "warning" ? "break-hint" : "muted"}>
      {text}
      {data.level === "warning" ? " (80 % reached)" : ""}
    </span>
  );
}
