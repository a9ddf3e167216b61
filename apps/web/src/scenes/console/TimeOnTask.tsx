import { useEffect, useState } from "react";

/** Minutes of continuous console work after which a break is suggested (S8). */
export const BREAK_AFTER_MINUTES = Number(import.meta.env.VITE_SWEETIE_BREAK_MINUTES ?? 50);

/** Time on task since the console opened, with a break suggestion once it runs long. */
export function TimeOnTask() {
  const [started] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const minutes = Math.floor((now - started) / 60_000);
  return (
    <span className="time-on-task" role="status">
      On task {minutes} min
      {minutes >= BREAK_AFTER_MINUTES ? (
        <strong className="break-hint"> · time for a break</strong>
      ) : null}
    </span>
  );
}
