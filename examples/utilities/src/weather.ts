import * as z from 'zod';

export const Weather = z.object({
  city: z.string(),
  country: z.string(),
  condition: z.enum(['sunny', 'partly_cloudy', 'cloudy', 'rain', 'snow', 'fog']),
  temperatureC: z.number(),
  temperatureF: z.number(),
  humidityPercent: z.number().int().min(0).max(100),
  windKph: z.number().min(0),
});
export type Weather = z.infer<typeof Weather>;

/**
 * The port get_weather reads. The in-memory service (local runs, tests, this demo's deployment) serves
 * fixed mock data; a real weather API would implement the same two methods.
 */
export interface WeatherService {
  /** Current weather in `city`, or undefined when the service does not know the city. */
  current(city: string): Promise<Weather | undefined>;
  /** Cities the service knows, so an error can say which ones to try. */
  cities(): Promise<string[]>;
}
