import type { Logger } from '@nestjs/common';
import { type HandlerMiddleware, messageHeaders } from '@ido/platform-messaging';
import type { AccessPolicy } from './access-policy';
import { accessRuleOf } from './access-rules';
import { runAsActor } from './actor-context';
import { forbidden } from './refusals';

/**
 * The transport middleware that puts every handler behind the access policy and
 * runs it with its actor. A handler that declares no rule is a programming error:
 * it is refused (fail closed) and logged once.
 */
export function accessGuard(policy: AccessPolicy, module: string | undefined, log: Logger): HandlerMiddleware {
  const undeclared = new Set<string>();
  return async (invocation, next) => {
    const rule = accessRuleOf(invocation.metadata);
    if (!rule) {
      const subject = invocation.contract.subject;
      if (!undeclared.has(subject)) log.error(`handler of ${subject} declares no access rule (@Public, @Authenticated or @Requires): refused`);
      undeclared.add(subject);
      throw forbidden('Access denied', { reason: 'no-access-rule' });
    }
    const actor = await policy.authorize({
      authorization: invocation.header(messageHeaders.authorization),
      tenantHeader: invocation.header(messageHeaders.tenant),
      rule,
      module,
    });
    return actor ? runAsActor(actor, next) : next();
  };
}
