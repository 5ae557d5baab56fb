import type { Region } from '../shared/vocabulary.js';

/** What the demo city knows about one regional (approximate, for synthetic data only). */
export interface RegionProfile {
  readonly region: Region;
  /** Approximate resident population (2010 census order of magnitude). */
  readonly population: number;
  /** Relative propensity of its hotspots to be in areas of economic vulnerability (0–1). */
  readonly vulnerability: number;
  /** A rough box inside the regional where its hotspots are placed. */
  readonly box: {
    readonly latMin: number;
    readonly latMax: number;
    readonly lonMin: number;
    readonly lonMax: number;
  };
  /** Some neighbourhoods (bairros and vilas) of the regional, for names. */
  readonly neighbourhoods: readonly string[];
}

/** The nine regionais of Belo Horizonte, as the demo city models them. */
export const REGION_PROFILES: readonly RegionProfile[] = [
  {
    region: 'barreiro',
    population: 282_000,
    vulnerability: 0.65,
    box: { latMin: -20.03, latMax: -19.96, lonMin: -44.06, lonMax: -43.99 },
    neighbourhoods: [
      'Barreiro',
      'Lindéia',
      'Jatobá',
      'Milionários',
      'Tirol',
      'Cardoso',
      'Bonsucesso',
    ],
  },
  {
    region: 'centro-sul',
    population: 272_000,
    vulnerability: 0.35,
    box: { latMin: -19.97, latMax: -19.91, lonMin: -43.96, lonMax: -43.91 },
    neighbourhoods: ['Centro', 'Serra', 'Barro Preto', 'Santo Antônio', 'Vila Paris', 'Cafezal'],
  },
  {
    region: 'leste',
    population: 238_000,
    vulnerability: 0.5,
    box: { latMin: -19.93, latMax: -19.88, lonMin: -43.92, lonMax: -43.87 },
    neighbourhoods: ['Santa Tereza', 'Floresta', 'Taquaril', 'Sagrada Família', 'Alto Vera Cruz'],
  },
  {
    region: 'nordeste',
    population: 290_000,
    vulnerability: 0.55,
    box: { latMin: -19.89, latMax: -19.84, lonMin: -43.93, lonMax: -43.88 },
    neighbourhoods: ['Cidade Nova', 'São Paulo', 'Ribeiro de Abreu', 'Palmares', 'Concórdia'],
  },
  {
    region: 'noroeste',
    population: 268_000,
    vulnerability: 0.45,
    box: { latMin: -19.92, latMax: -19.87, lonMin: -44.01, lonMax: -43.95 },
    neighbourhoods: [
      'Padre Eustáquio',
      'Caiçara',
      'Carlos Prates',
      'Pedreira Prado Lopes',
      'Glória',
    ],
  },
  {
    region: 'norte',
    population: 212_000,
    vulnerability: 0.65,
    box: { latMin: -19.85, latMax: -19.8, lonMin: -43.95, lonMax: -43.9 },
    neighbourhoods: ['Primeiro de Maio', 'Jaqueline', 'Tupi', 'Floramar', 'Heliópolis'],
  },
  {
    region: 'oeste',
    population: 308_000,
    vulnerability: 0.45,
    box: { latMin: -19.97, latMax: -19.92, lonMin: -44.01, lonMax: -43.96 },
    neighbourhoods: ['Buritis', 'Gameleira', 'Salgado Filho', 'Cabana do Pai Tomás', 'Havaí'],
  },
  {
    region: 'pampulha',
    population: 226_000,
    vulnerability: 0.3,
    box: { latMin: -19.88, latMax: -19.83, lonMin: -44.01, lonMax: -43.95 },
    neighbourhoods: ['Ouro Preto', 'Castelo', 'Santa Amélia', 'Itapoã', 'São Francisco'],
  },
  {
    region: 'venda-nova',
    population: 265_000,
    vulnerability: 0.6,
    box: { latMin: -19.83, latMax: -19.79, lonMin: -43.99, lonMax: -43.94 },
    neighbourhoods: ['Venda Nova', 'Céu Azul', 'Piratininga', 'Mantiqueira', 'Serra Verde'],
  },
];

/** The regions' population shares, in `REGION_PROFILES` order (they sum to 1). */
export const POPULATION_WEIGHTS: readonly number[] = (() => {
  const total = REGION_PROFILES.reduce((a, r) => a + r.population, 0);
  return REGION_PROFILES.map((r) => r.population / total);
})();
