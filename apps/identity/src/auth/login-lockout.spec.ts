import { afterFailure, type LockoutPolicy, secondsLocked, type ThrottleState } from './login-lockout';

const policy: LockoutPolicy = { threshold: 10, baseSeconds: 60, maxSeconds: 3600, windowSeconds: 900 };
const t0 = new Date('2026-12-04T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function fail(times: number, start: ThrottleState | null = null, from = 0): ThrottleState | null {
  let state = start;
  for (let i = 0; i < times; i++) state = afterFailure(state, at(from + i), policy);
  return state;
}

describe('login lockout', () => {
  it('does not lock before the threshold', () => {
    const state = fail(9);
    expect(state?.failures).toBe(9);
    expect(secondsLocked(state, at(9))).toBe(0);
  });

  it('locks for the base period at the threshold', () => {
    const state = fail(10);
    expect(secondsLocked(state, at(9))).toBe(60);
    expect(secondsLocked(state, at(9 + 60))).toBe(0);
  });

  it('doubles the lock with each further failure, up to the maximum', () => {
    expect(secondsLocked(fail(11), at(10))).toBe(120);
    expect(secondsLocked(fail(12), at(11))).toBe(240);
    expect(secondsLocked(fail(30), at(29))).toBe(3600);
  });

  it('forgets failures older than the window', () => {
    const state = fail(9);
    expect(afterFailure(state, at(9 + 901), policy).failures).toBe(1);
  });

  it('keeps counting when a lock has expired without a quiet window', () => {
    const locked = fail(10);
    expect(afterFailure(locked, at(70), policy).failures).toBe(11);
  });
});
