import type { Weather, WeatherService } from './weather.ts';

type Observation = Omit<Weather, 'temperatureF'>;

/** Fixed readings so every call (and every test) gets the same answer. */
export const MOCK_WEATHER: Observation[] = [
  { city: 'Berlin', country: 'DE', condition: 'cloudy', temperatureC: 7, humidityPercent: 81, windKph: 14 },
  { city: 'Kyiv', country: 'UA', condition: 'snow', temperatureC: -3, humidityPercent: 88, windKph: 11 },
  { city: 'London', country: 'GB', condition: 'rain', temperatureC: 9.5, humidityPercent: 90, windKph: 22 },
  { city: 'New York', country: 'US', condition: 'partly_cloudy', temperatureC: 12, humidityPercent: 60, windKph: 17 },
  { city: 'Sydney', country: 'AU', condition: 'sunny', temperatureC: 24, humidityPercent: 55, windKph: 19 },
  { city: 'Tokyo', country: 'JP', condition: 'fog', temperatureC: 15.5, humidityPercent: 77, windKph: 6 },
];

/** "  new   YORK " and "New York" are the same city. */
const key = (city: string) => city.trim().replace(/\s+/g, ' ').toLowerCase();
/** To one decimal, as a forecast would show it. */
const fahrenheit = (celsius: number) => Math.round((celsius * 1.8 + 32) * 10) / 10;

export class InMemoryWeatherService implements WeatherService {
  readonly #byCity: Map<string, Observation>;

  constructor(observations: Observation[] = MOCK_WEATHER) {
    this.#byCity = new Map(observations.map((o) => [key(o.city), o]));
  }

  async current(city: string): Promise<Weather | undefined> {
    const found = this.#byCity.get(key(city));
    return found && { ...found, temperatureF: fahrenheit(found.temperatureC) };
  }

  async cities(): Promise<string[]> {
    return [...this.#byCity.values()].map((o) => o.city).sort();
  }
}
