// Puts the server's HTML into the built page, as an SSR framework would for each request.
import { readFileSync, writeFileSync } from 'node:fs';
import { render } from './dist-server/server.js';

const html = render();
if (!html.includes('<cw-rating')) throw new Error(`server rendered no <cw-rating>: ${html}`);
const page = readFileSync('dist/index.html', 'utf8');
writeFileSync('dist/index.html', page.replace('<!--ssr-->', html));
console.log(`prerendered ${html.length} characters`);
