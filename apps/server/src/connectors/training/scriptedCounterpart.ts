import { stepBytes, type BehaviourScript } from "./behaviourScript";
import { jitter } from "./seededRandom";
import type { TimerHandle, Timers } from "./timers";

export type CounterpartState = "running" | "waiting" | "left";

export interface CounterpartPorts {
  timers: Timers;
  random: () => number;
  /** In load mode every pause and wait lasts about this long, whatever the script says. */
  fixedPaceMs?: number;
  /** Hands a message to the persona's side of the connector. */
  deliver(bytes: Uint8Array): void;
  /** Called once when the counterpart leaves (script finished, gave up, or the persona dropped). */
  onLeft(reason: LeaveReason): void;
}

export type LeaveReason =
  "script_done" | "no_reply" | "persona_dropped" | "persona_left" | "range_closed";

/**
 * One synthetic counterpart running a behaviour script: it says its lines after a jittered
 * pause, waits for the persona where the script says so, and leaves.
 */
export class ScriptedCounterpart {
  private stepIndex = 0;
  private timer: TimerHandle | undefined;
  private unreadReplies = 0;
  private current: CounterpartState = "running";
  /** What the persona said to this counterpart, in order (the training range's view of "sent"). */
  readonly received: string[] = [];

  constructor(
    readonly id: string,
    readonly handle: string,
    readonly script: BehaviourScript,
    private readonly ports: CounterpartPorts,
  ) {}

  get state(): CounterpartState {
    return this.current;
  }

  start(): void {
    this.runStep();
  }

  /** The persona wrote to this counterpart. */
  receiveReply(text: string): void {
    if (this.current === "left") return;
    this.received.push(text);
    this.unreadReplies += 1;
    if (this.current === "waiting") {
      this.clearTimer();
      this.current = "running";
      this.unreadReplies = 0;
      this.stepIndex += 1;
      this.runStep();
    }
  }

  leave(reason: LeaveReason): void {
    if (this.current === "left") return;
    this.clearTimer();
    this.current = "left";
    this.ports.onLeft(reason);
  }

  private runStep(): void {
    const step = this.script.steps[this.stepIndex];
    if (!step || "leave" in step) {
      this.leave("script_done");
      return;
    }
    if ("awaitReply" in step) {
      if (this.unreadReplies > 0) {
        this.unreadReplies = 0;
        this.stepIndex += 1;
        this.runStep();
        return;
      }
      this.current = "waiting";
      const timeoutMs = this.ports.fixedPaceMs ?? step.awaitReply.timeoutMs;
      this.timer = this.ports.timers.setTimeout(() => {
        this.timer = undefined;
        if (step.awaitReply.onTimeout === "leave") {
          this.leave("no_reply");
          return;
        }
        this.current = "running";
        this.stepIndex += 1;
        this.runStep();
      }, timeoutMs);
      return;
    }
    const bytes = stepBytes(step);
    const pause =
      this.ports.fixedPaceMs !== undefined
        ? jitter(this.ports.random, this.ports.fixedPaceMs, this.script.jitter)
        : (step.afterMs ?? jitter(this.ports.random, this.script.typingMs, this.script.jitter));
    this.timer = this.ports.timers.setTimeout(() => {
      this.timer = undefined;
      if (this.current === "left" || !bytes) return;
      // A reply that arrived before this line was said does not answer it.
      this.unreadReplies = 0;
      this.ports.deliver(bytes);
      this.stepIndex += 1;
      this.runStep();
    }, pause);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.ports.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
