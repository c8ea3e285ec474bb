/**
 * cdktf 0.21 warns ("You're using escape sequences (${...}) with CDKTF Built-in functions ... the output
 * may be incorrect", then the expression) for every interpolated string passed to a Terraform function,
 * which this code does on purpose (`"https://${var.domain_name}"` inside a conditional or jsonencode).
 * The output is right: the plain module is planned by Terraform with built-ins and with the real AWS
 * provider in `make test`. This drops exactly those two lines while `fn` runs, so real warnings stay visible.
 */
export function withoutEscapeSequenceWarnings<T>(fn: () => T): T {
  const warn = console.warn;
  let expressionFollows = false;
  console.warn = (...args: unknown[]) => {
    if (expressionFollows) {
      expressionFollows = false;
      return;
    }
    if (typeof args[0] === 'string' && args[0].startsWith("You're using escape sequences (${...}) with CDKTF Built-in functions")) {
      expressionFollows = true;
      return;
    }
    warn(...args);
  };
  try {
    return fn();
  } finally {
    console.warn = warn;
  }
}
