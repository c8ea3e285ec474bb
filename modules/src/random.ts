import { TerraformProvider, TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';

/**
 * hashicorp/random, bound by hand: the project keeps @cdktf/provider-aws as its only provider binding, and
 * only `random_password` is needed (the request-state secret, generated once and kept in state).
 */
export const RANDOM_PROVIDER = { source: 'hashicorp/random', version: '>= 3.6' };

const metadata = { providerName: 'random', providerVersionConstraint: RANDOM_PROVIDER.version };

/** `provider "random" {}` for a root stack (the CDKTF app); the plain module uses the caller's. */
export class RandomProvider extends TerraformProvider {
  constructor(scope: Construct, id: string) {
    super(scope, id, { terraformResourceType: 'random', terraformGeneratorMetadata: metadata, terraformProviderSource: RANDOM_PROVIDER.source });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return {};
  }
}

/** `random_password`: letters and digits only, so the value is safe in an environment variable. */
export class RandomPassword extends TerraformResource {
  private readonly length: number;

  constructor(scope: Construct, id: string, length: number) {
    super(scope, id, { terraformResourceType: 'random_password', terraformGeneratorMetadata: metadata });
    this.length = length;
  }

  get result(): string {
    return this.getStringAttribute('result');
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { length: this.length, special: false };
  }
}
