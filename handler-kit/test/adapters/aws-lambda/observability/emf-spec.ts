/**
 * A checker for CloudWatch embedded metric format documents, written from AWS's specification
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html),
 * not from the kit's output. It returns every rule a document breaks; [] means CloudWatch would extract it.
 */

/** The units the specification allows in a MetricDefinition (CloudWatch's StandardUnit values). */
const UNITS = new Set([
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes', 'Bits', 'Kilobits',
  'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second', 'Kilobytes/Second', 'Megabytes/Second',
  'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second', 'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second',
  'Terabits/Second', 'Count/Second', 'None',
]);
const MAX_METRICS = 100;
const MAX_DIMENSIONS = 30;
const MAX_VALUES = 100;
const MAX_DIMENSION_VALUE = 1024;
const MAX_DOCUMENT_BYTES = 1024 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const extra = (o: Record<string, unknown>, allowed: string[], where: string) =>
  Object.keys(o).filter((k) => !allowed.includes(k)).map((k) => `${where} has a member the specification does not define: ${k}`);

/** Checks one log event's message (the line as written). */
export function emfViolations(line: string): string[] {
  const out: string[] = [];
  if (Buffer.byteLength(line) > MAX_DOCUMENT_BYTES) out.push('document larger than 1 MB');
  let root: unknown;
  try {
    // The LogEvent message MUST be a valid JSON object with no additional data before or after it.
    root = JSON.parse(line);
  } catch {
    return ['not a JSON document'];
  }
  if (!isObject(root)) return ['the root node is not an object'];
  const meta = root._aws;
  if (!isObject(meta)) return ['no _aws metadata object'];
  out.push(...extra(meta, ['CloudWatchMetrics', 'Timestamp', 'LogGroupName'], '_aws'));
  if (typeof meta.Timestamp !== 'number' || !Number.isInteger(meta.Timestamp)) out.push('_aws.Timestamp is not a number of milliseconds');
  else if (Math.abs(meta.Timestamp - Date.now()) > 14 * 24 * 3600_000) out.push('_aws.Timestamp is not milliseconds since the epoch (too far from now)');
  if (!Array.isArray(meta.CloudWatchMetrics)) return [...out, '_aws.CloudWatchMetrics is not an array'];
  for (const [i, directive] of meta.CloudWatchMetrics.entries()) {
    const at = `CloudWatchMetrics[${i}]`;
    if (!isObject(directive)) {
      out.push(`${at} is not a MetricDirective object`);
      continue;
    }
    out.push(...extra(directive, ['Namespace', 'Dimensions', 'Metrics'], at));
    if (typeof directive.Namespace !== 'string' || directive.Namespace.length === 0 || directive.Namespace.length > 1024) out.push(`${at}.Namespace is not a string of 1 to 1024 characters`);
    if (!Array.isArray(directive.Dimensions)) out.push(`${at}.Dimensions is not an array of DimensionSets`);
    else {
      for (const [j, set] of directive.Dimensions.entries()) {
        if (!Array.isArray(set) || set.some((k) => typeof k !== 'string')) {
          out.push(`${at}.Dimensions[${j}] is not an array of strings`);
          continue;
        }
        if (set.length > MAX_DIMENSIONS) out.push(`${at}.Dimensions[${j}] has more than ${MAX_DIMENSIONS} dimensions`);
        for (const key of set as string[]) {
          const value = root[key];
          if (value === undefined) out.push(`dimension ${key} has no target member`);
          else if (typeof value !== 'string') out.push(`dimension ${key}'s value is not a string`);
          else if (value.length === 0 || value.length > MAX_DIMENSION_VALUE) out.push(`dimension ${key}'s value is empty or longer than ${MAX_DIMENSION_VALUE}`);
        }
      }
    }
    if (!Array.isArray(directive.Metrics)) {
      out.push(`${at}.Metrics is not an array of MetricDefinitions`);
      continue;
    }
    if (directive.Metrics.length > MAX_METRICS) out.push(`${at}.Metrics has more than ${MAX_METRICS} metrics`);
    for (const [j, metric] of directive.Metrics.entries()) {
      if (!isObject(metric) || typeof metric.Name !== 'string') {
        out.push(`${at}.Metrics[${j}] has no Name`);
        continue;
      }
      out.push(...extra(metric, ['Name', 'Unit', 'StorageResolution'], `${at}.Metrics[${j}]`));
      if (metric.Unit !== undefined && !UNITS.has(metric.Unit as string)) out.push(`metric ${metric.Name} has an unknown Unit ${String(metric.Unit)}`);
      if (metric.StorageResolution !== undefined && metric.StorageResolution !== 1 && metric.StorageResolution !== 60) out.push(`metric ${metric.Name}'s StorageResolution is not 1 or 60`);
      const value = root[metric.Name];
      const values = Array.isArray(value) ? value : [value];
      if (value === undefined) out.push(`metric ${metric.Name} has no target member`);
      else if (values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) out.push(`metric ${metric.Name}'s value is not a number or an array of numbers`);
      else if (values.length > MAX_VALUES) out.push(`metric ${metric.Name} has more than ${MAX_VALUES} values`);
    }
  }
  return out;
}
