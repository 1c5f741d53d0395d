import type { NextConfig } from 'next';

/** The configuration for a phase of Next.js (next.config.mjs). */
export default function config(phase: string): Promise<NextConfig>;
