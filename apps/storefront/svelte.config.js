import { sharedKitConfig } from '@carparts/kit/svelte-config';

export default sharedKitConfig();
