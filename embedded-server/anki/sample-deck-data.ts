/**
 * Content of the "Verbal Tenses" sample deck every new user gets (deck 2):
 * 36 groups (12 tenses × affirmative / negative / question) × 3 examples = 108 cards.
 * The order matters: card i of the flattened list gets note id T*1000 + i.
 */

export interface TenseGroup {
  /** Shown as line (b) of the back, e.g. "Simple Present: Negatives". */
  name: string;
  /** Portuguese usage note, line (c) of the back. */
  usagePt: string;
  /** [English sentence (front), Portuguese translation] */
  examples: ReadonlyArray<readonly [string, string]>;
}

export const TENSE_GROUPS: readonly TenseGroup[] = [
  {
    name: 'Simple Present: I work',
    usagePt: 'Uso: Para hábitos, rotinas, fatos e verdades gerais.',
    examples: [
      ['She plays tennis every weekend.', 'Ela joga tênis todos os fins de semana.'],
      ['The sun rises in the east.', 'O sol nasce no leste.'],
      ['They live in New York.', 'Eles moram em Nova York.'],
    ],
  },
  {
    name: 'Simple Present: Negatives',
    usagePt: 'Forma: Sujeito + do/does + not + verbo',
    examples: [
      ["I do not (don't) speak French.", 'Eu não falo francês.'],
      ["He does not (doesn't) own a car.", 'Ele não possui um carro.'],
      ["They do not (don't) like coffee.", 'Eles não gostam de café.'],
    ],
  },
  {
    name: 'Simple Present: Questions',
    usagePt: 'Forma: Do/Does + sujeito + verbo?',
    examples: [
      ['Do you enjoy swimming?', 'Você gosta de nadar?'],
      ['Does she work here?', 'Ela trabalha aqui?'],
      ['Do they understand the rules?', 'Eles entendem as regras?'],
    ],
  },
  {
    name: 'Present Continuous: I am working',
    usagePt: 'Uso: Para ações acontecendo agora ou por volta de agora, e situações temporárias.',
    examples: [
      ['She is studying for her exam.', 'Ela está estudando para o exame dela.'],
      ['They are building a new house this year.', 'Eles estão construindo uma casa nova este ano.'],
      ['I am learning to play the guitar.', 'Eu estou aprendendo a tocar guitarra.'],
    ],
  },
  {
    name: 'Present Continuous: Negatives',
    usagePt: 'Forma: Sujeito + am/is/are + not + verbo-ing',
    examples: [
      ["He is not (isn't) sleeping right now.", 'Ele não está dormindo agora.'],
      ["We are not (aren't) having dinner yet.", 'Nós não estamos jantando ainda.'],
      ['I am not waiting any longer.', 'Eu não estou esperando mais.'],
    ],
  },
  {
    name: 'Present Continuous: Questions',
    usagePt: 'Forma: Am/Is/Are + sujeito + verbo-ing?',
    examples: [
      ['Are you listening to me?', 'Você está me ouvindo?'],
      ['Is it raining outside?', 'Está chovendo lá fora?'],
      ['Are they coming to the party?', 'Eles estão vindo para a festa?'],
    ],
  },
  {
    name: 'Present Perfect: I have worked',
    usagePt: 'Uso: Para ações passadas com resultados presentes, experiências e períodos de tempo inacabados.',
    examples: [
      ['I have visited Paris twice.', 'Eu já visitei Paris duas vezes.'],
      ['She has lived here for five years.', 'Ela tem morado aqui por cinco anos.'],
      ['They have already finished their homework.', 'Eles já terminaram a lição de casa.'],
    ],
  },
  {
    name: 'Present Perfect: Negatives',
    usagePt: 'Forma: Sujeito + have/has + not + particípio passado',
    examples: [
      ["I have not (haven't) seen that movie.", 'Eu não vi esse filme.'],
      ["She has not (hasn't) called me back.", 'Ela não me ligou de volta.'],
      ["We have not (haven't) been to that restaurant.", 'Nós não fomos àquele restaurante.'],
    ],
  },
  {
    name: 'Present Perfect: Questions',
    usagePt: 'Forma: Have/Has + sujeito + particípio passado?',
    examples: [
      ['Have you ever climbed a mountain?', 'Você já escalou uma montanha?'],
      ['Has he sent the email?', 'Ele enviou o email?'],
      ['Have they arrived yet?', 'Eles já chegaram?'],
    ],
  },
  {
    name: 'Present Perfect Continuous: I have been working',
    usagePt: 'Uso: Para ações contínuas que começaram no passado e continuam até o presente, frequentemente enfatizando a duração.',
    examples: [
      ['I have been waiting for an hour.', 'Eu estou esperando há uma hora.'],
      ['She has been teaching since 2010.', 'Ela está ensinando desde 2010.'],
      ['They have been traveling all month.', 'Eles estão viajando o mês todo.'],
    ],
  },
  {
    name: 'Present Perfect Continuous: Negatives',
    usagePt: 'Forma: Sujeito + have/has + not + been + verbo-ing',
    examples: [
      ["I have not (haven't) been feeling well.", 'Eu não tenho me sentido bem.'],
      ["He has not (hasn't) been working lately.", 'Ele não tem trabalhado ultimamente.'],
      ["They have not (haven't) been studying enough.", 'Eles não têm estudado o suficiente.'],
    ],
  },
  {
    name: 'Present Perfect Continuous: Questions',
    usagePt: 'Forma: Have/Has + sujeito + been + verbo-ing?',
    examples: [
      ['Have you been exercising regularly?', 'Você tem se exercitado regularmente?'],
      ['Has she been living alone?', 'Ela tem morado sozinha?'],
      ['Have they been practicing for the concert?', 'Eles têm praticado para o concerto?'],
    ],
  },
  {
    name: 'Simple Past: I worked',
    usagePt: 'Uso: Para ações completas no passado.',
    examples: [
      ['She visited her grandmother last week.', 'Ela visitou a avó dela na semana passada.'],
      ['They bought a new car yesterday.', 'Eles compraram um carro novo ontem.'],
      ['I watched a movie last night.', 'Eu assisti um filme ontem à noite.'],
    ],
  },
  {
    name: 'Simple Past: Negatives',
    usagePt: 'Forma: Sujeito + did + not + verbo',
    examples: [
      ["I did not (didn't) go to the party.", 'Eu não fui à festa.'],
      ["She did not (didn't) like the book.", 'Ela não gostou do livro.'],
      ["They did not (didn't) finish their work.", 'Eles não terminaram o trabalho deles.'],
    ],
  },
  {
    name: 'Simple Past: Questions',
    usagePt: 'Forma: Did + sujeito + verbo?',
    examples: [
      ['Did you call him?', 'Você ligou para ele?'],
      ['Did she arrive on time?', 'Ela chegou na hora?'],
      ['Did they win the game?', 'Eles ganharam o jogo?'],
    ],
  },
  {
    name: 'Past Continuous: I was working',
    usagePt: 'Uso: Para ações em progresso em um momento específico no passado, frequentemente interrompidas por outra ação.',
    examples: [
      ['I was reading when the phone rang.', 'Eu estava lendo quando o telefone tocou.'],
      ['They were having dinner at 8 PM.', 'Eles estavam jantando às 8 da noite.'],
      ['She was sleeping when I came home.', 'Ela estava dormindo quando eu cheguei em casa.'],
    ],
  },
  {
    name: 'Past Continuous: Negatives',
    usagePt: 'Forma: Sujeito + was/were + not + verbo-ing',
    examples: [
      ["I was not (wasn't) listening carefully.", 'Eu não estava ouvindo com atenção.'],
      ["They were not (weren't) expecting visitors.", 'Eles não estavam esperando visitantes.'],
      ["She was not (wasn't) driving fast.", 'Ela não estava dirigindo rápido.'],
    ],
  },
  {
    name: 'Past Continuous: Questions',
    usagePt: 'Forma: Was/Were + sujeito + verbo-ing?',
    examples: [
      ['Were you waiting for me?', 'Você estava esperando por mim?'],
      ['Was he telling the truth?', 'Ele estava dizendo a verdade?'],
      ['Were they working late?', 'Eles estavam trabalhando até tarde?'],
    ],
  },
  {
    name: 'Past Perfect: I had worked',
    usagePt: 'Uso: Para ações completadas antes de outra ação passada ou tempo.',
    examples: [
      ['I had finished dinner before she called.', 'Eu tinha terminado o jantar antes de ela ligar.'],
      ['They had left before I arrived.', 'Eles tinham saído antes de eu chegar.'],
      ['She had studied Spanish before moving to Madrid.', 'Ela tinha estudado espanhol antes de se mudar para Madri.'],
    ],
  },
  {
    name: 'Past Perfect: Negatives',
    usagePt: 'Forma: Sujeito + had + not + particípio passado',
    examples: [
      ["I had not (hadn't) seen the movie before.", 'Eu não tinha visto o filme antes.'],
      ["She had not (hadn't) completed her work.", 'Ela não tinha completado o trabalho dela.'],
      ["They had not (hadn't) heard the news.", 'Eles não tinham ouvido as notícias.'],
    ],
  },
  {
    name: 'Past Perfect: Questions',
    usagePt: 'Forma: Had + sujeito + particípio passado?',
    examples: [
      ['Had you met him before?', 'Você tinha conhecido ele antes?'],
      ['Had she ever visited London?', 'Ela já tinha visitado Londres?'],
      ['Had they received my message?', 'Eles tinham recebido minha mensagem?'],
    ],
  },
  {
    name: 'Past Perfect Continuous: I had been working',
    usagePt: 'Uso: Para ações contínuas que começaram antes e continuaram até outro momento no passado, enfatizando a duração.',
    examples: [
      ['I had been studying for three hours when she called.', 'Eu estava estudando há três horas quando ela ligou.'],
      ['They had been living there for years before they moved.', 'Eles estavam morando lá por anos antes de se mudarem.'],
      ['She had been working all day before she went home.', 'Ela estava trabalhando o dia todo antes de ir para casa.'],
    ],
  },
  {
    name: 'Past Perfect Continuous: Negatives',
    usagePt: 'Forma: Sujeito + had + not + been + verbo-ing',
    examples: [
      ["I had not (hadn't) been sleeping well before the exam.", 'Eu não estava dormindo bem antes do exame.'],
      ["She had not (hadn't) been feeling well.", 'Ela não estava se sentindo bem.'],
      ["They had not (hadn't) been paying attention.", 'Eles não estavam prestando atenção.'],
    ],
  },
  {
    name: 'Past Perfect Continuous: Questions',
    usagePt: 'Forma: Had + sujeito + been + verbo-ing?',
    examples: [
      ['Had you been waiting long?', 'Você estava esperando há muito tempo?'],
      ['Had she been working there before?', 'Ela estava trabalhando lá antes?'],
      ['Had they been expecting this outcome?', 'Eles estavam esperando este resultado?'],
    ],
  },
  {
    name: 'Simple Future: I will work',
    usagePt: 'Uso: Para previsões, promessas, ofertas e decisões tomadas no momento da fala.',
    examples: [
      ['I will help you tomorrow.', 'Eu vou te ajudar amanhã.'],
      ['She will probably arrive late.', 'Ela provavelmente vai chegar atrasada.'],
      ['They will be here soon.', 'Eles estarão aqui em breve.'],
    ],
  },
  {
    name: 'Simple Future: Negatives',
    usagePt: 'Forma: Sujeito + will + not + verbo',
    examples: [
      ["I will not (won't) be available tomorrow.", 'Eu não estarei disponível amanhã.'],
      ["She will not (won't) agree to these terms.", 'Ela não vai concordar com estes termos.'],
      ["They will not (won't) finish on time.", 'Eles não vão terminar a tempo.'],
    ],
  },
  {
    name: 'Simple Future: Questions',
    usagePt: 'Forma: Will + sujeito + verbo?',
    examples: [
      ['Will you attend the meeting?', 'Você vai participar da reunião?'],
      ['Will she join us for dinner?', 'Ela vai se juntar a nós para o jantar?'],
      ['Will they accept our offer?', 'Eles vão aceitar nossa oferta?'],
    ],
  },
  {
    name: 'Future Continuous: I will be working',
    usagePt: 'Uso: Para ações que estarão em andamento em um momento específico no futuro.',
    examples: [
      ['This time tomorrow, I will be flying to Paris.', 'Amanhã a esta hora, eu estarei voando para Paris.'],
      ['She will be studying when you call.', 'Ela estará estudando quando você ligar.'],
      ['They will be waiting for us when we arrive.', 'Eles estarão esperando por nós quando chegarmos.'],
    ],
  },
  {
    name: 'Future Continuous: Negatives',
    usagePt: 'Forma: Sujeito + will + not + be + verbo-ing',
    examples: [
      ["I will not (won't) be working this weekend.", 'Eu não estarei trabalhando neste fim de semana.'],
      ["She will not (won't) be attending the conference.", 'Ela não estará participando da conferência.'],
      ["They will not (won't) be staying with us.", 'Eles não estarão ficando conosco.'],
    ],
  },
  {
    name: 'Future Continuous: Questions',
    usagePt: 'Forma: Will + sujeito + be + verbo-ing?',
    examples: [
      ['Will you be using the car tomorrow?', 'Você estará usando o carro amanhã?'],
      ['Will she be coming to the party?', 'Ela estará vindo para a festa?'],
      ['Will they be joining us for lunch?', 'Eles estarão se juntando a nós para o almoço?'],
    ],
  },
  {
    name: 'Future Perfect: I will have worked',
    usagePt: 'Uso: Para ações que serão concluídas antes de um momento específico no futuro.',
    examples: [
      ['By next month, I will have finished my degree.', 'Até o próximo mês, eu terei terminado meu curso.'],
      ['She will have completed the project by Friday.', 'Ela terá completado o projeto até sexta-feira.'],
      ['They will have moved into their new house by Christmas.', 'Eles terão se mudado para a nova casa até o Natal.'],
    ],
  },
  {
    name: 'Future Perfect: Negatives',
    usagePt: 'Forma: Sujeito + will + not + have + particípio passado',
    examples: [
      ["I will not (won't) have read the book by then.", 'Eu não terei lido o livro até lá.'],
      ["She will not (won't) have arrived by that time.", 'Ela não terá chegado até aquela hora.'],
      ["They will not (won't) have made a decision before the deadline.", 'Eles não terão tomado uma decisão antes do prazo.'],
    ],
  },
  {
    name: 'Future Perfect: Questions',
    usagePt: 'Forma: Will + sujeito + have + particípio passado?',
    examples: [
      ['Will you have finished by tomorrow?', 'Você terá terminado até amanhã?'],
      ['Will she have prepared everything?', 'Ela terá preparado tudo?'],
      ['Will they have solved the problem by then?', 'Eles terão resolvido o problema até lá?'],
    ],
  },
  {
    name: 'Future Perfect Continuous: I will have been working',
    usagePt: 'Uso: Para ações contínuas que continuarão até um momento específico no futuro, enfatizando a duração.',
    examples: [
      ['By next week, I will have been working here for five years.', 'Até a próxima semana, eu estarei trabalhando aqui há cinco anos.'],
      ['She will have been studying for six hours by the time she finishes.', 'Ela estará estudando por seis horas quando terminar.'],
      ['They will have been traveling for two days when they arrive.', 'Eles estarão viajando por dois dias quando chegarem.'],
    ],
  },
  {
    name: 'Future Perfect Continuous: Negatives',
    usagePt: 'Forma: Sujeito + will + not + have + been + verbo-ing',
    examples: [
      ["I will not (won't) have been waiting for more than an hour.", 'Eu não estarei esperando por mais de uma hora.'],
      ["She will not (won't) have been teaching for very long.", 'Ela não estará ensinando por muito tempo.'],
      ["They will not (won't) have been living there for much time.", 'Eles não estarão morando lá por muito tempo.'],
    ],
  },
  {
    name: 'Future Perfect Continuous: Questions',
    usagePt: 'Forma: Will + sujeito + have + been + verbo-ing?',
    examples: [
      ['Will you have been working all day?', 'Você estará trabalhando o dia todo?'],
      ['Will she have been practicing enough?', 'Ela estará praticando o suficiente?'],
      ['Will they have been searching for long?', 'Eles estarão procurando por muito tempo?'],
    ],
  },
];
