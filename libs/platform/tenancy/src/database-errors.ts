/*
 * Recognising database refusals without importing Prisma's runtime classes
 * (every service has its own generated client): by Prisma's error code, or by
 * the Postgres SQLSTATE that a trigger or constraint raised.
 */
function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** A unique constraint (Prisma P2002, Postgres 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return codeOf(error) === 'P2002' || codeOf(error) === '23505' || sqlStateOf(error) === '23505';
}

/** "Record to update/delete not found" (Prisma P2025). */
export function isMissingRecord(error: unknown): boolean {
  return codeOf(error) === 'P2025';
}

/** A CHECK constraint or a trigger's RAISE … USING ERRCODE = 'check_violation' (23514). */
export function isCheckViolation(error: unknown): boolean {
  return codeOf(error) === '23514' || sqlStateOf(error) === '23514';
}

/** The SQLSTATE a driver adapter error carries (Prisma wraps it under meta.driverAdapterError). */
function sqlStateOf(error: unknown): unknown {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } } })?.meta?.driverAdapterError?.cause;
  return cause?.originalCode ?? cause?.code;
}
