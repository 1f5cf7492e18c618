const permissionPattern = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/;

/** A permission a module declares: `<module>:<entity>:<action>` and what it allows. */
export interface Permission {
  readonly name: string;
  readonly description: string;
}

/**
 * Declares a module's permissions, keyed for use in code
 * (`accountingPermissions.invoiceCreate`), each named `<module>:<entity>:<action>`.
 */
export function definePermissions<K extends string>(module: string, entries: Record<K, readonly [entityAction: string, description: string]>): Record<K, Permission> {
  const result = {} as Record<K, Permission>;
  for (const [key, [entityAction, description]] of Object.entries(entries) as Array<[K, readonly [string, string]]>) {
    const name = `${module}:${entityAction}`;
    if (!permissionPattern.test(name)) throw new Error(`permission "${name}" must be <module>:<entity>:<action>`);
    result[key] = Object.freeze({ name, description });
  }
  return Object.freeze(result);
}

export function isPermissionName(value: string): boolean {
  return permissionPattern.test(value);
}
