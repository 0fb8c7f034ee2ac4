import { createServer } from 'node:http';
import pg from 'pg';

// DB_USER and DB_PASSWORD are keys of the rotated Secrets Manager secret; the task picks up a
// rotation when it restarts (a deploy, or ECS replacing the task).
const pool = new pg.Pool({
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: process.env.DB_NAME,
  ssl: { rejectUnauthorized: true },
});

createServer(async (request, response) => {
  if (request.url === '/health') {
    const { rows } = await pool.query('select 1 as ok');
    response.writeHead(rows[0]?.ok === 1 ? 200 : 503).end();
    return;
  }
  response.writeHead(404).end();
}).listen(Number(process.env.PORT ?? 8080));
