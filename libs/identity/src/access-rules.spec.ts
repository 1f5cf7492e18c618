import { identityPermissions } from '@ido/internal-api';
import { Requires } from './access-rules';

describe('@Requires', () => {
  it('refuses a permission that is not <module>:<entity>:<action> when the handler is declared', () => {
    expect(() => Requires('sales:leads')).toThrow(/<module>:<entity>:<action>/);
    expect(() => Requires(identityPermissions.userCreate)).not.toThrow();
  });
});
