#!/usr/bin/env node
// node verify.mjs BUNDLE --trust [ORIGIN=]PUB.pem ... (npm run build first): see README.md.
import "./dist/cli.mjs";
