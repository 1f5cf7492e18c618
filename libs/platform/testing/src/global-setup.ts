import { existsSync } from 'node:fs';
import { sweepStaleTestDatabases } from './infrastructure';
import { sweepStaleTestStreams } from './jetstream-cleanup';

type StopContainer = () => Promise<unknown>;

const dockerSocket = '/var/run/docker.sock';

/**
 * Tests use the real Postgres and NATS named by DATABASE_URL / NATS_URL. Only when
 * those are unset and a Docker engine answers are containers started instead.
 */
export async function setup(): Promise<StopContainer | undefined> {
  const stops: StopContainer[] = [];
  if ((!process.env['DATABASE_URL'] || !process.env['NATS_URL']) && (await dockerAnswers())) {
    const { GenericContainer, Wait } = await import('testcontainers');
    if (!process.env['DATABASE_URL']) {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const postgres = await new PostgreSqlContainer('postgres:15-alpine').start();
      process.env['DATABASE_URL'] = postgres.getConnectionUri();
      stops.push(() => postgres.stop());
    }
    if (!process.env['NATS_URL']) {
      const nats = await new GenericContainer('nats:2.10-alpine')
        .withCommand(['-js'])
        .withExposedPorts(4222)
        .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
        .start();
      process.env['NATS_URL'] = `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`;
      stops.push(() => nats.stop());
    }
  }
  await sweepStaleTestDatabases(2 * 60 * 60 * 1000).catch(() => undefined);
  await sweepStaleTestStreams(2 * 60 * 60 * 1000).catch(() => undefined);
  return async () => {
    for (const stop of stops) await stop();
  };
}

async function dockerAnswers(): Promise<boolean> {
  if (!existsSync(dockerSocket) && !process.env['DOCKER_HOST']) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}
