import { Redis } from 'ioredis';

/** The pid of the redis-server behind `url` (from INFO), so its CPU can be read like the servers'. */
export async function redisProcessId(url: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const info = await redis.info('server');
    const pid = Number(/^process_id:(\d+)/m.exec(info)?.[1]);
    if (!Number.isInteger(pid)) throw new Error('INFO server reported no process_id');
    return pid;
  } finally {
    redis.disconnect();
  }
}
