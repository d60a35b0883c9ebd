global using KumaTip.Application;
