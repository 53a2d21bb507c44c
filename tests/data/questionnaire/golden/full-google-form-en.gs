/* Creates the Google Form for the survey "sixbox-full" version 1.0, made by sixbox.
 * Open script.google.com, create a project, paste this file, choose the
 * function createSixboxForm and press Run; the log shows the form's links.
 * Do not rename the form's questions: the response export maps by them. */
var SIXBOX_FORM = {
  "title": "Organisational diagnosis with the Six-box model",
  "description": "Say how far you agree with each statement as things are at your workplace today. Your answers are anonymous and are only reported for groups of at least five respondents.\n\nRead each statement and mark the answer that best matches how you see your workplace today. There are no right or wrong answers. Choose \"Don't know\" if you cannot say. It takes about 15 minutes.\n\nYour answers are confidential. No results, charts or comments are shown for a group of fewer than 5 respondents, and no individual's answers can be told.",
  "unitQuestion": "Which unit do you work in?",
  "unitHint": "Choose the unit where you mainly work.",
  "units": [
    "Finance Unit",
    "HR Unit",
    "Communications Unit",
    "Digital Services Unit",
    "Preschools North",
    "Preschools South",
    "Centrum School",
    "Ekbacken School",
    "Exempelstad Upper Secondary School",
    "Individual and Family Care",
    "Financial Assistance",
    "Home Care North",
    "Home Care South",
    "Björken Care Home",
    "Disability Support Services",
    "Building Permits Unit",
    "Planning Unit",
    "Streets and Parks",
    "Libraries",
    "Youth Centres",
    "Sports Facilities",
    "Environmental Inspection",
    "Food Control",
    "Water and Sewerage",
    "Property Unit",
    "Property Management",
    "Letting and Customer Service",
    "Electricity Network",
    "District Heating"
  ],
  "scales": [
    {
      "id": "purposes",
      "title": "Purposes",
      "rows": [
        "I know which goals my workplace is to reach this year.",
        "The goals of my unit feel reasonable and worth working for.",
        "I can see how my work contributes to the municipality's vision and strategic goals.",
        "When not everything can be done, we know what comes first.",
        "We staff take part in shaping our unit's operative goals."
      ],
      "columns": [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
        "Don't know"
      ]
    },
    {
      "id": "structure",
      "title": "Structure",
      "rows": [
        "The division of work can be changed when circumstances change.",
        "It is clear who is responsible for what at my workplace.",
        "The way our work is organised helps us reach our goals.",
        "Matters often get stuck between units or roles.",
        "My unit's organisation fits the tasks we have."
      ],
      "columns": [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
        "Don't know"
      ]
    },
    {
      "id": "leadership",
      "title": "Leadership",
      "rows": [
        "My immediate manager supports me when I need it.",
        "Management holds on to the goals even when things get difficult.",
        "My manager makes clear what is expected of me.",
        "Management makes sure the different parts of the organisation pull in the same direction.",
        "I understand how decisions about my work are made."
      ],
      "columns": [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
        "Don't know"
      ]
    },
    {
      "id": "relationships",
      "title": "Relationships",
      "rows": [
        "I work well together with my immediate manager.",
        "There is someone at work I can turn to with problems in my work.",
        "We in the work group help one another.",
        "Cooperation with the other units we depend on works well.",
        "Conflicts at my workplace are left unresolved."
      ],
      "columns": [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
        "Don't know"
      ]
    },
    {
      "id": "rewards",
      "title": "Rewards",
      "rows": [
        "My work gives me the chance to develop.",
        "My pay is in reasonable proportion to my work and responsibility.",
        "Those who do good work have a chance of new assignments or promotion.",
        "I am appreciated when I do a good job.",
        "It does not pay to make an extra effort here."
      ],
      "columns": [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
        "Don't know"
      ]
    },
    {
      "id": "helpful-mechanisms",
      "title": "Helpful mechanisms",
      "rows": [
        "I have the information I need to do my work.",
        "Our IT systems and tools make the work easier.",
        "Planning and follow-up help us improve our work.",
        "Our meetings lead to decisions and action.",
        "Routines and forms often get in the way of the work."
      ],
      "columns": [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
        "Don't know"
      ]
    },
    {
      "id": "attitude-to-change",
      "title": "Attitude to change",
      "rows": [
        "My workplace is open to new ways of working.",
        "We take up new ideas quickly.",
        "Changes are carried out in a considered way here.",
        "I welcome my tasks developing and changing.",
        "Our organisation is able to adapt when it needs to."
      ],
      "columns": [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
        "Don't know"
      ]
    }
  ],
  "freeText": [
    "What works best at your workplace today?",
    "What would you change first, and why?"
  ],
  "commentsHint": "Do not write names or other details that could identify you or anyone else.",
  "thanks": "Thank you for your answers!"
};

function createSixboxForm() {
  var d = SIXBOX_FORM;
  var form = FormApp.create(d.title);
  form.setDescription(d.description);
  form.setCollectEmail(false);
  form.setLimitOneResponsePerUser(false);
  form.setProgressBar(true);
  form.setConfirmationMessage(d.thanks);
  if (d.units.length > 0) {
    form.addListItem().setTitle(d.unitQuestion).setHelpText(d.unitHint)
        .setChoiceValues(d.units).setRequired(true);
  } else {
    form.addTextItem().setTitle(d.unitQuestion).setHelpText(d.unitHint)
        .setRequired(true);
  }
  d.scales.forEach(function (s) {
    form.addPageBreakItem();
    form.addGridItem().setTitle(s.title).setRows(s.rows).setColumns(s.columns);
  });
  if (d.freeText.length > 0) form.addPageBreakItem().setHelpText(d.commentsHint);
  d.freeText.forEach(function (t) {
    form.addParagraphTextItem().setTitle(t);
  });
  Logger.log('Form for respondents: ' + form.getPublishedUrl());
  Logger.log('Edit the form: ' + form.getEditUrl());
}
