import { Component } from '@angular/core';

@Component({
  selector: 'app-root',
  template: '<h1>ngx-msal-http on Angular 22</h1>',
})
export class App {}
