// the shape of locals and errors is shared by both apps
import '@carparts/kit/app-locals';
