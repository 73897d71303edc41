export { default } from './admin';
