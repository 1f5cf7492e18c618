/** How repeated failed logins lock an account or a source address out. */
export interface LockoutPolicy {
  /** Failures in a row (within `windowSeconds`) before the first lock. */
  threshold: number;
  /** First lock length; each further failure doubles it. */
  baseSeconds: number;
  maxSeconds: number;
  /** A failure older than this no longer counts. */
  windowSeconds: number;
}

export interface ThrottleState {
  failures: number;
  lockedUntil: Date | null;
  lastFailureAt: Date;
}

/** Seconds the caller must wait, or 0 when not locked. */
export function secondsLocked(state: ThrottleState | null, now: Date): number {
  if (!state?.lockedUntil || state.lockedUntil <= now) return 0;
  return Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000);
}

/** The state after one more failure: exponential backoff once the threshold is reached. */
export function afterFailure(state: ThrottleState | null, now: Date, policy: LockoutPolicy): ThrottleState {
  const stale = !state || now.getTime() - state.lastFailureAt.getTime() > policy.windowSeconds * 1000;
  const failures = stale && secondsLocked(state, now) === 0 ? 1 : (state?.failures ?? 0) + 1;
  const excess = failures - policy.threshold;
  const lockSeconds = excess < 0 ? 0 : Math.min(policy.baseSeconds * 2 ** excess, policy.maxSeconds);
  return { failures, lastFailureAt: now, lockedUntil: lockSeconds ? new Date(now.getTime() + lockSeconds * 1000) : null };
}
