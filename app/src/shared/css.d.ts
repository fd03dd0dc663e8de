// Stylesheets are imported for their effect (mountPage.tsx); Vite bundles them.
declare module '*.css';
