import { authenticated, identityPermissions, publicAccess, requires } from '@ido/internal-api';
import { accessRuleOfRoute, Requires } from './access-rules';

describe('access rules', () => {
  it('refuses a permission that is not <module>:<entity>:<action> when the handler is declared', () => {
    expect(() => Requires('sales:leads')).toThrow(/<module>:<entity>:<action>/);
    expect(() => Requires(identityPermissions.userCreate)).not.toThrow();
  });

  it("turns a gateway route's access into the rule the policy takes", () => {
    expect(accessRuleOfRoute(publicAccess)).toEqual({ kind: 'public' });
    expect(accessRuleOfRoute(authenticated)).toEqual({ kind: 'authenticated' });
    expect(accessRuleOfRoute(requires(identityPermissions.userRead))).toEqual({ kind: 'permission', permission: 'identity:user:read' });
  });
});
