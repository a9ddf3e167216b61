import { Badge } from "./Badge";

interface OperationBadgesProps {
  active: boolean;
  isTraining: boolean;
}

/** Status words, not colours alone: each badge reads as text to everyone. */
export function OperationBadges({ active, isTraining }: OperationBadgesProps) {
  return (
    <span className="badges">
      {active ? <Badge tone="active">Active</Badge> : <Badge tone="closed">Closed</Badge>}
      {isTraining ? <Badge tone="training">Training</Badge> : null}
    </span>
  );
}
