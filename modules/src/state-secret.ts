import { Fn, Op, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { named } from './address.ts';
import { tfNull } from './conditions.ts';
import { RandomPassword } from './random.ts';

/**
 * The secret sealing multi-round input state: the one given, or `random_password.request_state_secret`
 * (48 letters and digits, generated once, kept in state). When the given one is a Terraform value (the
 * plain module's variable, possibly null) the password always exists and fills in for a null, so no
 * count ever depends on the secret, which may be known only after apply.
 */
export function requestStateSecret(scope: Construct, given: string | undefined): string {
  if (given !== undefined && !Token.isUnresolved(given)) return given;
  const generated = named(new RandomPassword(scope, 'state-secret', 48), 'request_state_secret');
  return given === undefined ? generated.result : Token.asString(Fn.conditional(Op.neq(given, tfNull()), given, generated.result));
}
