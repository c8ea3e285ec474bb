import type { TerraformElement } from 'cdktf';

/**
 * Gives a resource, data source or local the address users see in every plan, `state mv`, `import` and
 * `moved` block (terraform-aws-modules style: `aws_lambda_function.this`, `aws_iam_role.lambda`), instead
 * of cdktf's construct path plus hash. The same in the CDKTF app and the plain module. Call it right after
 * `new`: cdktf fixes an element's address the first time something refers to it.
 */
export function named<T extends TerraformElement>(element: T, address: string): T {
  element.overrideLogicalId(address);
  return element;
}
