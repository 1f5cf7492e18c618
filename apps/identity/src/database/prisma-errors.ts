/** Prisma's error for a unique constraint (P2002), recognised without importing its runtime classes. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/** Prisma's "record to update/delete not found" (P2025). */
export function isMissingRecord(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2025';
}
