import { mountPage } from '../shared/mountPage.tsx';
import { MerchantApp } from './MerchantApp.tsx';

mountPage(<MerchantApp />);
