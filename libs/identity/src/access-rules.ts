import { applyDecorators, SetMetadata } from '@nestjs/common';
import { isPermissionName, type Permission } from '@ido/internal-api';
import { type HandlerMetadata, PUBLIC_HANDLER } from '@ido/platform-messaging';

/** Who may call a handler (or, at the gateway, a route). */
export type AccessRule = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'permission'; permission: string };

/** Metadata key of `@Requires` and `@Authenticated`. */
export const ACCESS_RULE = 'ido:access-rule';

const publicRule: AccessRule = Object.freeze({ kind: 'public' });

/**
 * Both decorators also set `@Public`'s key to false: handler metadata falls back
 * from the method to its controller, so a guarded method in a `@Public()` controller
 * must say so itself, and a `@Public()` method in a guarded controller stays public.
 */
function declare(rule: AccessRule): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(ACCESS_RULE, Object.freeze(rule)), SetMetadata(PUBLIC_HANDLER, false));
}

/** The caller's token must carry this permission (`identityPermissions.userCreate` or its name). */
export function Requires(permission: string | Permission): MethodDecorator & ClassDecorator {
  const name = typeof permission === 'string' ? permission : permission.name;
  // A typo would refuse every caller at runtime; refuse it at start-up instead.
  if (!isPermissionName(name)) throw new Error(`@Requires("${name}"): a permission is <module>:<entity>:<action>`);
  return declare({ kind: 'permission', permission: name });
}

/** Any valid token of an active tenant will do. */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return declare({ kind: 'authenticated' });
}

/** The rule a handler declares, or undefined when it declares none (refused: fail closed). */
export function accessRuleOf(metadata: HandlerMetadata): AccessRule | undefined {
  if (metadata<boolean>(PUBLIC_HANDLER) === true) return publicRule;
  return metadata<AccessRule>(ACCESS_RULE);
}
